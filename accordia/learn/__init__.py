"""Learning the stance decision from gold annotations: data, fitting, cross-validation, training.

This package needs scikit-learn (installed with Accordia); the extractor that uses its output does
not: a trained model is plain JSON read by ``accordia.extract.stance_model``.
"""
