from .synthetic import make_coco_set, make_scene, tight_box

__all__ = ['make_coco_set', 'make_scene', 'tight_box']
