import React, { useState } from 'react';
import { Button, Switch, Text, View } from 'react-native';
import { usePostHog } from 'posthog-react-native';
import Braze from '@braze/react-native-sdk';
import { OneSignal } from 'react-native-onesignal';

type Entry = { mood: number; symptoms: string[]; medication?: string; notes: string };

export function SymptomLogScreen({ userId, email }: { userId: string; email: string }) {
  const posthog = usePostHog();
  const [entry, setEntry] = useState<Entry>({ mood: 3, symptoms: [], notes: '' });
  const [reminders, setReminders] = useState(false);

  function save() {
    // quiet [posthog] the mood score alone, a number from 1 to 5 with no condition named
    posthog.capture('entry_saved', { mood: entry.mood, symptomCount: entry.symptoms.length });
    // expect: mt/sensitive-data-to-third-party health [posthog] symptoms named in an event
    posthog.capture('symptoms_logged', { symptoms: entry.symptoms.join(',') });
    if (entry.medication) {
      // expect: mt/sensitive-data-to-third-party health [braze] the medication as a custom attribute for campaigns
      Braze.setCustomUserAttribute('current_medication', entry.medication);
    }
  }

  function toggleReminders(on: boolean) {
    setReminders(on);
    if (on) {
      // quiet [onesignal] the external id
      OneSignal.login(userId);
      // expect: mt/personal-data-to-third-party email [onesignal] the address for email reminders
      OneSignal.User.addEmail(email);
      // quiet [onesignal] a tag that is a preference
      OneSignal.User.addTag('reminder_time', 'evening');
    }
  }

  return (
    <View>
      <Text>How do you feel?</Text>
      <Switch value={reminders} onValueChange={toggleReminders} />
      <Button title="Save" onPress={save} />
    </View>
  );
}
