function redact(value) {
  if (!value) return value;
  return String(value).replace(/.(?=.{2})/g, '*');
}

module.exports = { redact };
