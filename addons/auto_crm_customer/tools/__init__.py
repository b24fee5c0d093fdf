from . import phone
from . import rfm
from . import vin
