"""Evidence packages for referral (线索移交): one folder per item, every file hashed, verifiable offline."""

from .package import export_package, package_dirname, verify_package

__all__ = ["export_package", "package_dirname", "verify_package"]
