import { Router } from 'express';
import winston from 'winston';
import { log } from '../lib/log';
import { db } from '../services/db';

const audit = winston.createLogger({ transports: [new winston.transports.File({ filename: 'audit.log' })] });

export const applications = Router();

applications.post('/', async (req, res) => {
  const { ssn, firstName, lastName, email, bankAccountNumber, employer } = req.body;
  // quiet [pino] the request id and route
  log.info({ requestId: req.id, route: '/applications' }, 'application received');
  // expect: mt/personal-data-in-logs name,ssn [pino] the SSN and the applicant's name in a structured log line
  log.info({ ssn, firstName, lastName }, 'checking identity');
  // expect: mt/personal-data-in-logs email [pino] the applicant's email address in a debug log (inventory since issue 12)
  log.debug({ email }, 'applicant contact');
  const app = await db.applications.create({ ssn, firstName, lastName, email, bankAccountNumber, employer });
  // expect: mt/personal-data-in-logs financial-account [winston] the bank account number in the audit log
  audit.info('direct deposit set', { applicationId: app.id, bankAccountNumber });
  // quiet [winston] ids and a boolean
  audit.info('application created', { applicationId: app.id, hasEmployer: Boolean(employer) });
  res.status(201).json({ id: app.id });
});

applications.get('/:id', async (req, res) => {
  const application = await db.applications.findById(req.params.id);
  if (!application) {
    // quiet [console] a not-found id
    console.warn('application not found', req.params.id);
    return res.status(404).end();
  }
  // expect: mt/personal-data-in-logs ssn [console] debugging output that prints the record's SSN
  console.log('loaded application', application.id, application.ssn);
  res.json({ id: application.id, status: application.status });
});
