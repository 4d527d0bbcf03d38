from wayfinder.network.matching import close_names, normalise_name


def test_normalise_name_folds_case_and_spaces():
    assert normalise_name("  Priya\tRAMAN ") == "priya raman"


def test_close_names_finds_typos_and_first_names_best_first():
    known = ["Priya Raman", "Priyanka Shah", "Jo Park"]
    assert close_names("Priya Rmana", known)[0] == "Priya Raman"
    assert close_names("priya", known) == ["Priya Raman"]
    assert close_names("Zed", known) == []


def test_close_names_respects_the_limit():
    known = ["Sam A", "Sam B", "Sam C", "Sam D"]
    assert len(close_names("Sam", known, limit=2)) == 2
