"""Suggest, explain and aggregate how exposed each task is to AI: automate, augment or human-led.

Examples
--------
>>> from recommender.exposure import load_model
>>> model = load_model()
>>> [p.exposure_class for p in model.predict(["Comfort a grieving family member."])]
['human-led']
"""

from recommender.exposure.data import ExposureDataError
from recommender.exposure.model import ExposureModel
from recommender.exposure.model import load_model
from recommender.exposure.records import ExposurePrediction
from recommender.exposure.records import RoleExposure
from recommender.exposure.role import role_exposure
from recommender.exposure.rubric import CLASSES
from recommender.exposure.rubric import LABELS
from recommender.exposure.rubric import RUBRIC
from recommender.exposure.training import evaluate
from recommender.exposure.training import train

__all__ = [
    "CLASSES",
    "LABELS",
    "RUBRIC",
    "ExposureDataError",
    "ExposureModel",
    "ExposurePrediction",
    "RoleExposure",
    "evaluate",
    "load_model",
    "role_exposure",
    "train",
]
