const express = require('express');
const router = express.Router();

router.post('/identity', (req, res) => {
  const { ssn, dob } = req.body;
  // expect: mt/breach-data-on-device ssn [express-cookie] the SSN set as a cookie on the user's browser
  res.cookie('pending_ssn', ssn, { httpOnly: true, maxAge: 15 * 60 * 1000 });
  // quiet [express-cookie] a session flag
  res.cookie('verify_step', '2', { httpOnly: true });
  res.json({ next: '/verify/confirm', dob: Boolean(dob) });
});

module.exports = router;
