"""mmrefine: segment objects from known boxes, the OpenMMLab way."""
from setuptools import find_packages, setup

setup(
    name='mmrefine',
    version='0.1.0',
    description='Known-box instance segmentation and mask refinement for OpenMMLab',
    long_description=open('README.md', encoding='utf-8').read() if __import__('os').path.exists('README.md') else '',
    long_description_content_type='text/markdown',
    packages=find_packages(include=['mmrefine', 'mmrefine.*']),
    package_data={'mmrefine': ['checkpoints/*.pth', 'assets/*']},
    python_requires='>=3.8',
    install_requires=[
        'mmengine>=0.10.0,<1.0.0',
        'mmcv>=2.0.0,<2.2.0',
        'mmdet>=3.3.0,<3.4.0',
        'mmsegmentation>=1.2.0,<1.3.0',
        'pycocotools',
        'opencv-python-headless',
        'Pillow',
    ],
    extras_require={'tests': ['pytest', 'hypothesis']},
    license='Apache-2.0',
)
