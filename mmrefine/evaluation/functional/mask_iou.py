"""Mask IoU and Boundary IoU (Cheng et al., CVPR 2021) on binary arrays."""
import cv2
import numpy as np


def mask_iou(pred: np.ndarray, gt: np.ndarray) -> float:
    """IoU of two ``(H, W)`` binary masks; 1.0 when both are empty."""
    pred, gt = pred.astype(bool), gt.astype(bool)
    union = np.logical_or(pred, gt).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(pred, gt).sum() / union)


def boundary_width(height: int, width: int, ratio: float = 0.02) -> int:
    """Band width ``d = max(1, round(ratio * image diagonal))`` in pixels."""
    return max(1, int(round(ratio * np.hypot(height, width))))


def mask_boundary(mask: np.ndarray, width: int) -> np.ndarray:
    """Inner boundary band of a ``(H, W)`` mask: pixels within ``width`` of the background.

    Outside the image counts as background, as in the reference code.
    """
    mask = mask.astype(np.uint8)
    padded = cv2.copyMakeBorder(mask, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    eroded = cv2.erode(padded, np.ones((3, 3), np.uint8), iterations=width)[1:-1, 1:-1]
    return (mask - eroded).astype(bool)


def boundary_iou(pred: np.ndarray, gt: np.ndarray, ratio: float = 0.02) -> float:
    """Boundary IoU of two ``(H, W)`` masks with band ``boundary_width(H, W, ratio)``."""
    width = boundary_width(*gt.shape[:2], ratio=ratio)
    return mask_iou(mask_boundary(pred, width), mask_boundary(gt, width))
