"""Probes from the review of the five challenge-set merges: common English the merged rules misread."""
from __future__ import annotations

from test_extraction_challenge_actors import propose


def rows(text):
    return {(r["place"], r["actor"], r["status"]) for r in propose(text, "2024-12-14")}


def test_people_taken_prisoner_lose_no_place():
    # the passive taking whose subject is a party ("were overrun") made "soldiers were captured near Hama" Hama's capture
    assert rows("Rebels advanced on Homs. Dozens of regime soldiers were captured near Hama, the rebels said.") == {
        ("Homs", "Rebels", "contested")}
    assert rows("Government forces were overrun in Hama by HTS fighters.") == {("Hama", "HTS", "controlled")}


def test_men_lost_in_a_place_are_not_the_place_lost():
    assert rows("Rebels entered Hama on Wednesday. Government troops lost dozens of fighters in Homs on Thursday.") == {
        ("Hama", "Rebels", "contested")}
    assert ("Homs", "Rebels", "controlled") in rows("Rebels entered Hama on Wednesday. Government troops lost Homs on "
                                                     "Thursday.")


def test_what_falls_over_a_place_is_no_fall_of_it():
    assert rows("Rebels entered Hama on Wednesday. Temperatures in Homs fell below zero.") == {
        ("Hama", "Rebels", "contested")}
