from accordia.reference.names import fold, person_key, strip_titles, surname


def test_fold_spells_out_special_letters():
    assert fold("Løkke Ærø Władysław Þórdís") == "Lokke Aero Wladyslaw Thordis"
    assert fold("Erdoğan Sánchez") == "Erdogan Sanchez"


def test_person_key_folds_transliteration_endings():
    keys = {person_key(n) for n in ("Zelenskyy", "Zelenskiy", "Zelensky", "Zelenskyi")}
    assert len(keys) == 1
    assert person_key("Andrii Sybiha") == person_key("Andriy Sybiha")
    assert person_key("Jean-Noël Barrot") == person_key("Jean Noel Barrot")
    assert person_key("Wang Yi") != person_key("Wang")


def test_strip_titles_keeps_the_name():
    assert strip_titles("US Secretary of State Marco Rubio") == "Marco Rubio"
    assert strip_titles("Macron") == "Macron"


def test_surname_skips_regnal_numbers():
    assert surname("Charles III") == "charles"
    assert surname("Recep Tayyip Erdoğan") == "erdogan"
    assert surname("Li Qiang") == "qiang"
