// A symptom checker: health data is "sensitive data" under Montana's Consumer Data Privacy Act.
import mixpanel from 'mixpanel-browser';
import posthog from 'posthog-js';

mixpanel.init('project-token');

export function submitCheckIn(form: { diagnosis: string; symptoms: string[]; mood: number }) {
  // Flagged (error): a diagnosis and symptoms go to Mixpanel.
  mixpanel.track('Check-in Submitted', { diagnosis: form.diagnosis, symptoms: form.symptoms });
  // Not flagged: a number on its own.
  mixpanel.track('Mood Logged', { score: form.mood });
}

export function shareNearbyClinics() {
  navigator.geolocation.getCurrentPosition((position) => {
    // Flagged (error): precise geolocation goes to PostHog.
    posthog.capture('Clinics Searched', {
      lat: position.coords.latitude,
      lng: position.coords.longitude,
    });
  });
}
