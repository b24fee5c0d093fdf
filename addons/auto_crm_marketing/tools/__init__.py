from . import forecast
from . import upgrade
