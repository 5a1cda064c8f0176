from .patch_refiner import PatchRefiner

__all__ = ['PatchRefiner']
