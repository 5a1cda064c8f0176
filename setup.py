"""mmrefine: segment objects from known boxes, the OpenMMLab way."""
import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

ROOT = osp.dirname(osp.abspath(__file__))
MIM_FILES = ('configs', 'tools', 'model-index.yml')


def add_mim_extension() -> None:
    """Expose configs/, tools/ and model-index.yml to ``mim`` as ``mmrefine/.mim`` (mmdet's layout):
    links for an editable install, copies for a wheel or sdist."""
    if 'develop' in sys.argv or 'editable_wheel' in sys.argv:
        mode = 'symlink'
    elif 'sdist' in sys.argv or 'bdist_wheel' in sys.argv:
        mode = 'copy'
    else:
        return
    mim = osp.join(ROOT, 'mmrefine', '.mim')
    os.makedirs(mim, exist_ok=True)
    for name in MIM_FILES:
        src, dst = osp.join(ROOT, name), osp.join(mim, name)
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim), dst)
        elif osp.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns('__pycache__'))
        else:
            shutil.copyfile(src, dst)


add_mim_extension()
setup(
    name='mmrefine',
    version='0.1.0',
    description='Known-box instance segmentation and mask refinement for OpenMMLab',
    long_description=open('README.md', encoding='utf-8').read() if osp.exists('README.md') else '',
    long_description_content_type='text/markdown',
    packages=find_packages(include=['mmrefine', 'mmrefine.*']),
    package_data={'mmrefine': ['checkpoints/*.pth', 'assets/*', '.mim/model-index.yml', '.mim/configs/**/*',
                               '.mim/tools/**/*']},
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
