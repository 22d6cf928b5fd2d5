'use client';

import mixpanel from 'mixpanel-browser';
import { useState } from 'react';

mixpanel.init(process.env.NEXT_PUBLIC_MIXPANEL_TOKEN!, { track_pageview: true, persistence: 'localStorage' });

type Intake = {
  symptoms: string[];
  medications: string;
  pregnant: boolean | null;
  painScore: number;
  insuranceProvider: string;
};

export default function IntakePage({ params }: { params: { clinicId: string } }) {
  const [intake, setIntake] = useState<Intake>({ symptoms: [], medications: '', pregnant: null, painScore: 0, insuranceProvider: '' });

  function toggleSymptom(symptom: string) {
    const symptoms = intake.symptoms.includes(symptom) ? intake.symptoms.filter((s) => s !== symptom) : [...intake.symptoms, symptom];
    setIntake({ ...intake, symptoms });
    // expect: mt/sensitive-data-to-third-party health [mixpanel] the symptom list as it is edited
    mixpanel.track('Symptom Toggled', { clinicId: params.clinicId, symptoms });
  }

  function submit() {
    // quiet [mixpanel] clinic id, a count and a number
    mixpanel.track('Intake Submitted', { clinicId: params.clinicId, symptomCount: intake.symptoms.length, painScore: intake.painScore });
    // expect: mt/sensitive-data-to-third-party health [mixpanel] medications as a super property
    mixpanel.register({ medications: intake.medications });
    // quiet [mixpanel] whether the medications field was filled in (a boolean)
    mixpanel.track('Intake Medications', { hasMedications: intake.medications.length > 0 });
  }

  return (
    <div>
      {['fever', 'cough', 'fatigue'].map((s) => (
        <label key={s}>
          <input type="checkbox" checked={intake.symptoms.includes(s)} onChange={() => toggleSymptom(s)} /> {s}
        </label>
      ))}
      <button onClick={submit}>Submit</button>
    </div>
  );
}
