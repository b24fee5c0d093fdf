from . import abc_classification
from . import stock_age
