// 签名策略（verify）的文本：向导与同步表单中的字段、确认步骤、Chart 详情。
const verify = {
  VERIFY_TITLE: '签名验证',
  VERIFY_DESC:
    '检查下载的每个软件包：用您的公钥验证其 Helm 来源文件（.prov），oci:// Chart 则验证其 cosign 签名。',
  VERIFY_OFF: '关闭',
  VERIFY_OFF_DESC: '不获取也不检查签名。',
  VERIFY_WARN: '警告',
  VERIFY_WARN_DESC: '导入所有版本；没有有效签名的版本会附带说明。',
  VERIFY_REQUIRE: '必须',
  VERIFY_REQUIRE_DESC: '没有有效签名的版本会上传但不发布：保留为草稿（或提交审核），并说明原因。',
  VERIFY_KEYRING: '公钥（OpenPGP）',
  VERIFY_KEYRING_DESC:
    '为 Chart 签名的 ASCII 格式公钥，例如 gpg --export --armor KEY-ID 的输出。可以依次粘贴多个公钥块。',
  VERIFY_KEYRING_FILE_LABEL: '从文件加载公钥',
  VERIFY_COSIGN_KEY: 'Cosign 公钥',
  VERIFY_COSIGN_KEY_DESC: '为 oci:// Chart 签名的 PEM 公钥（cosign.pub）。',
  VERIFY_COSIGN_KEY_FILE_LABEL: '从文件加载 cosign 公钥',
  VERIFY_FILE_TOO_LARGE: '{name} 太大，不像是公钥。',
  VERIFY_KEYS_REQUIRED: '请提供用于检查签名的公钥或 cosign 公钥，或者关闭签名验证。',
  VERIFY_REVIEW_OFF: '不检查签名。',
  VERIFY_REVIEW_WARN: '检查签名：没有有效签名的版本会照常导入并附带说明。',
  VERIFY_REVIEW_REQUIRE: '要求签名：没有有效签名的版本会上传但不发布。',
  VERIFY_DETAILS_TITLE: '签名',
  VERIFY_STATUS_VERIFIED: '已验证',
  VERIFY_STATUS_UNSIGNED: '未签名',
  VERIFY_STATUS_INVALID: '无效',
  VERIFY_STATUS_UNCHECKED: '未检查',
};

export default verify;
