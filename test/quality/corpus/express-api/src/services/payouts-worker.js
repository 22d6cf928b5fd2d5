const bunyan = require('bunyan');
const createDebug = require('debug');
const { Queue, Worker } = require('bullmq');

const log = bunyan.createLogger({ name: 'payouts-worker' });
const debug = createDebug('payouts:worker');

const worker = new Worker('payouts', async (job) => {
  const { payoutId, recipient, amountCents } = job.data;
  // quiet [bunyan] job and payout ids and the amount
  log.info({ jobId: job.id, payoutId, amountCents }, 'processing payout');
  // expect: mt/personal-data-in-logs name [debug-logger] the recipient's display name in debug output (inventory since issue 12)
  debug('paying %s', recipient.displayName);
  if (!recipient.routingNumber) {
    // expect: mt/personal-data-in-logs financial-account [bunyan] the account number logged when routing is missing
    log.warn({ payoutId, accountNumber: recipient.accountNumber }, 'missing routing number');
    return;
  }
  // expect: mt/personal-data-in-logs taxpayer-id [debug-logger] debug output with the recipient's TIN
  debug('1099 recipient %s tin=%s', recipient.id, recipient.taxId);
  // quiet [bunyan] a boolean and the last four digits
  log.info({ payoutId, hasTaxId: Boolean(recipient.taxId), last4: String(recipient.accountNumber).slice(-4) }, 'payout sent');
});

worker.on('failed', (job, err) => {
  // quiet [console] job id and error message
  console.error('payout job failed', job && job.id, err.message);
});

module.exports = { worker, queue: new Queue('payouts') };
