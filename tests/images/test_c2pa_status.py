"""The mapping from a manifest store's validation results to integrity and trust."""

from __future__ import annotations

from typing import Any

import pytest

from provenance.images.c2pa_status import integrity_of, status_codes, store_info, trust_of


def _store(top: list[str], state: str = "Invalid", deltas: list[str] | None = None,
           success: list[str] | None = None) -> dict[str, Any]:
    return {
        "active_manifest": "m1",
        "manifests": {"m1": {"claim_generator_info": {"name": "Tool"},
                             "signature_info": {"common_name": "Signer CN"}}},
        "validation_state": state,
        "validation_status": [{"code": c} for c in top],
        "validation_results": {
            "activeManifest": {"success": [{"code": c} for c in success or []], "failure": []},
            "ingredientDeltas": [{"validationDeltas": {"failure": [{"code": c}
                                                                  for c in deltas or []]}}],
        },
    }


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["claimSignature.mismatch"], "failed"),
        (["assertion.boxesHash.mismatch"], "failed"),
        (["ingredient.manifest.missing"], "failed"),
        (["claimSignature.missing"], "failed"),
        (["signingCredential.untrusted", "signingCredential.expired"], "ok"),
        (["cawg.ica.did_unavailable"], "ok"),
        ([], "ok"),
    ],
)
def test_integrity(codes: list[str], expected: str) -> None:
    assert integrity_of(codes) == expected


@pytest.mark.parametrize(
    ("codes", "state", "expected"),
    [
        (["signingCredential.untrusted", "signingCredential.revoked"], "invalid", "invalid"),
        (["signingCredential.invalid"], "invalid", "invalid"),
        (["signingCredential.untrusted", "signingCredential.expired"], "invalid", "expired"),
        (["signingCredential.untrusted", "cawg.ica.did_unavailable"], "invalid", "untrusted"),
        (["cawg.ica.did_unavailable"], "invalid", "unknown"),
        ([], "trusted", "trusted"),
        ([], "valid", "unknown"),
    ],
)
def test_trust_worst_first(codes: list[str], state: str, expected: str) -> None:
    assert trust_of(codes, state, []) == expected


def test_ingredient_delta_failure_counts_and_is_listed() -> None:
    store = _store(["signingCredential.untrusted"], deltas=["assertion.dataHash.mismatch"])
    info = store_info(store)
    assert info.codes == ["signingCredential.untrusted", "assertion.dataHash.mismatch"]
    assert (info.integrity, info.trust, info.validation) == ("failed", "untrusted", "invalid")
    assert (info.claim_generator, info.signer) == ("Tool", "Signer CN")


def test_codes_are_deduplicated_in_order() -> None:
    store = _store(["a.mismatch", "signingCredential.untrusted", "a.mismatch"])
    assert status_codes(store) == ["a.mismatch", "signingCredential.untrusted"]


def test_trusted_chain_with_broken_hash_stays_trusted() -> None:
    store = _store(["assertion.dataHash.mismatch"], success=["signingCredential.trusted"])
    assert (store_info(store).integrity, store_info(store).trust) == ("failed", "trusted")


def test_missing_active_manifest_does_not_raise() -> None:
    store = _store([])
    store["active_manifest"] = "gone"
    info = store_info(store)
    assert (info.claim_generator, info.signer, info.present) == (None, None, "embedded")
