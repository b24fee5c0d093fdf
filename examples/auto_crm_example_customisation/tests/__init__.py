from . import test_example_customisation
