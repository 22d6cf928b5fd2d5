// Cookies and storage in a benefits portal.
export function saveApplicant(applicant: { ssn: string; driversLicenseNumber: string; city: string }) {
  // Flagged (error): a Social Security number in a cookie.
  document.cookie = `ssn=${applicant.ssn}; path=/`;
  // Flagged (error): a driver's license number in session storage.
  sessionStorage.applicantLicense = applicant.driversLicenseNumber;
  // Not flagged: a city is not breach-notifiable personal information.
  localStorage.setItem('city', applicant.city);
}

// An accepted flow, suppressed with a reason that reviewers can read.
export function rememberKioskCard(kiosk: { cardNumber: string }) {
  // mt-pii-ignore-next-line mt/breach-data-on-device -- kiosk build only: storage is wiped at session end (SEC-142, reviewed 2026-11)
  localStorage.setItem('cardNumber', kiosk.cardNumber);
}
