// Device storage: a Social Security number written to localStorage (breach-notifiable data on the device).
export function rememberApplicant(applicant: { id: string; ssn: string }) {
  localStorage.setItem('ssn', applicant.ssn);
}
