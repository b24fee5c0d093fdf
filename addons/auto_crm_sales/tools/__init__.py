from . import finance
