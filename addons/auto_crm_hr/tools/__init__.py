from . import scoring
from . import cockpit
