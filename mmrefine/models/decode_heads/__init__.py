from .residual_refine_head import ResidualRefineHead

__all__ = ['ResidualRefineHead']
