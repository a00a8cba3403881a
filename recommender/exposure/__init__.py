"""Suggest, explain and aggregate how exposed each task is to AI: automate, augment or human-led.

The model reads a task statement, and when known its role's title and the role's other tasks, as
TF-IDF blocks (word 1-2-grams, character 2-5-grams inside words, the leading verb, title words,
the role's words). Three logistic regressions over those blocks (one class-balanced, one on words
only) are averaged in logit space, which folds into a single linear model; a temperature and
per-class offsets fitted on grouped out-of-fold predictions make the probabilities honest and the
class mix match human labels. A task scored without its title or role tasks gets those blocks'
mean contribution in training instead, so leaving the context out does not bias it. The shipped model is an ``.npz`` of plain arrays scored by a
small numpy path that reproduces scikit-learn exactly; its metadata holds the training data's
sha256, the grouped cross-validation report and the library versions.

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
