import pytest

from wayfinder.experiments.models import CheckIn, Experiment
from wayfinder.experiments.services import ExperimentError, experiment_delete
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_experiment_takes_its_check_ins(owner, outsider):
    check_in = CheckInFactory(owner=owner)
    foreign = ExperimentFactory(owner=outsider)
    with pytest.raises(ExperimentError, match="not one of yours"):
        experiment_delete(owner=owner, experiment=foreign)
    experiment_delete(owner=owner, experiment=check_in.experiment)
    assert list(Experiment.objects.all()) == [foreign]
    assert not CheckIn.objects.exists()
