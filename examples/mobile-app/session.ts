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
export function rememberMaskedCard(maskedCard: string) {
  // mt-pii-ignore-next-line mt/breach-data-on-device -- only the last four digits, already masked by the payment provider
  localStorage.setItem('cardNumber', maskedCard);
}
