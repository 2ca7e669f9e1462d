"""A test PKI made with ``cryptography`` and C2PA signing with c2pa-python's Builder.

The CA is a self-signed root; the leaf has keyUsage digitalSignature, EKU emailProtection
and an authority key identifier, which is what c2pa-rs's certificate profile asks of a
signing credential (C2PA spec §14.5.1). A self-signed leaf is refused at signing time.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from provenance.images.content_credentials import offline_context

_NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Credential:
    """PEM text of a signing chain (leaf first) and the leaf's private key."""

    chain_pem: str
    key_pem: str
    ca_pem: str


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Provenance Test PKI"),
    ])


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def _builder(subject: x509.Name, issuer: x509.Name, key: ec.EllipticCurvePrivateKey,
             days: int) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=1))
        .not_valid_after(_NOW + dt.timedelta(days=days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )


def _leaf_builder(subject: x509.Name, issuer: x509.Name,
                  key: ec.EllipticCurvePrivateKey) -> x509.CertificateBuilder:
    return (
        _builder(subject, issuer, key, 30)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(_key_usage(sign=True, ca=False), True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
    )


def make_credential() -> Credential:
    """A test root CA and a leaf it issued."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Provenance Test Root CA")
    ca = (
        _builder(ca_name, ca_name, ca_key, 365)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .add_extension(_key_usage(sign=False, ca=True), True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        _leaf_builder(_name("Provenance Test Signer"), ca_name, leaf_key)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       False)
        .sign(ca_key, hashes.SHA256())
    )
    return Credential(_pem(leaf) + _pem(ca), _key_pem(leaf_key), _pem(ca))


def make_self_signed() -> Credential:
    """A leaf that signs itself: no chain to any anchor."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("Provenance Self-Signed")
    cert = _leaf_builder(name, name, key).sign(key, hashes.SHA256())
    return Credential(_pem(cert), _key_pem(key), _pem(cert))


def actions_manifest(*actions: dict[str, Any], title: str = "image.jpg",
                     generator: str = "provenance-tests") -> dict[str, Any]:
    """A C2PA 2.x manifest definition holding one ``c2pa.actions`` assertion."""
    return {
        "claim_generator_info": [{"name": generator, "version": "1.0"}],
        "title": title,
        "assertions": [{"label": "c2pa.actions", "data": {"actions": list(actions)}}],
    }


def sign(source: bytes, mime: str, manifest: dict[str, Any], credential: Credential) -> bytes:
    """``source`` with a C2PA manifest embedded, signed ES256 by ``credential``."""
    info = c2pa.C2paSignerInfo(
        alg=b"es256", sign_cert=credential.chain_pem.encode("ascii"),
        private_key=credential.key_pem.encode("ascii"), ta_url=None,
    )
    out = io.BytesIO()
    with c2pa.Signer.from_info(info) as signer, c2pa.Builder(
        manifest, context=offline_context()
    ) as builder:
        builder.sign(signer, mime, io.BytesIO(source), out)
    return out.getvalue()
