from .synthetic import make_coco_set, make_openimages_layout, make_scene, tight_box

__all__ = ['make_coco_set', 'make_openimages_layout', 'make_scene', 'tight_box']
