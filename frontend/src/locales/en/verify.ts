// Keys of the signature policy (verify): its field in the wizard and the sync form, the review,
// and a chart's details; UPPER_SNAKE, placeholders are `{name}`.
const verify = {
  VERIFY_TITLE: 'Signature verification',
  VERIFY_DESC:
    'Checks each package as downloaded: its Helm provenance file (.prov) against your public keys, or for oci:// charts its cosign signature.',
  VERIFY_OFF: 'Off',
  VERIFY_OFF_DESC: 'Signatures are not fetched or checked.',
  VERIFY_WARN: 'Warn',
  VERIFY_WARN_DESC: 'Every version is imported; one without a valid signature gets a note.',
  VERIFY_REQUIRE: 'Require',
  VERIFY_REQUIRE_DESC:
    'A version without a valid signature is uploaded but not released: left a draft (or submitted for review), with the reason.',
  VERIFY_KEYRING: 'Public keys (OpenPGP)',
  VERIFY_KEYRING_DESC:
    'ASCII-armored public keys that sign the charts, e.g. the output of gpg --export --armor KEY-ID. Several blocks may follow one another.',
  VERIFY_KEYRING_FILE_LABEL: 'Load the public keys from a file',
  VERIFY_COSIGN_KEY: 'Cosign public key',
  VERIFY_COSIGN_KEY_DESC: 'The PEM public key (cosign.pub) that signs the oci:// charts.',
  VERIFY_COSIGN_KEY_FILE_LABEL: 'Load the cosign public key from a file',
  VERIFY_FILE_TOO_LARGE: '{name} is too large to be public keys.',
  VERIFY_KEYS_REQUIRED:
    'Give public keys or a cosign public key to check signatures with, or turn verification off.',
  VERIFY_REVIEW_OFF: 'Signatures are not checked.',
  VERIFY_REVIEW_WARN: 'Signatures are checked: a version without a valid one is imported with a note.',
  VERIFY_REVIEW_REQUIRE:
    'Signatures are required: a version without a valid one is uploaded but not released.',
  VERIFY_DETAILS_TITLE: 'Signature',
  VERIFY_STATUS_VERIFIED: 'Verified',
  VERIFY_STATUS_UNSIGNED: 'Not signed',
  VERIFY_STATUS_INVALID: 'Invalid',
  VERIFY_STATUS_UNCHECKED: 'Not checked',
};

export default verify;
