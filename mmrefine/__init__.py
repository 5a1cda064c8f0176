"""mmrefine: segment objects from known boxes, the OpenMMLab way.

Importing the package registers its modules in mmdet's registries, so
``custom_imports = dict(imports=['mmrefine'])`` in a config is enough.
"""
from .utils import allow_mmengine_checkpoints  # noqa: E402

allow_mmengine_checkpoints()

from . import datasets, engine, evaluation, models  # noqa: E402,F401  (registration)

__version__ = '0.1.0'
