from . import finance
from . import month
