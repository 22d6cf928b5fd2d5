import React, { useState } from 'react';
import { Button, TextInput } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';
import { getAdvertisingId } from 'react-native-advertising-id';
import { storage } from '../lib/storage';
import { posthog } from '../lib/analytics';

export function JournalScreen({ date }: { date: string }) {
  const [note, setNote] = useState('');

  async function save() {
    // expect: mt/personal-data-on-device user-content [async-storage] the journal entry the user wrote, unencrypted
    await AsyncStorage.setItem(`journal.${date}`, note);
    // quiet [async-storage] the date of the last entry
    await AsyncStorage.setItem('journal.lastOpened', date);
    // quiet [posthog] the length of the entry through the lazy singleton
    posthog().capture('journal_saved', { chars: note.length });
    // expect: mt/personal-data-to-service user-content [posthog] the entry text itself to analytics
    posthog().capture('journal_text', { note });
  }

  async function rememberAdId() {
    const { advertisingId } = await getAdvertisingId();
    // expect: mt/personal-data-on-device device-id [react-native-mmkv] the advertising id kept in MMKV
    storage.set('device.advertisingId', advertisingId);
    // quiet [react-native-mmkv] whether tracking is limited
    storage.set('device.limitTracking', advertisingId === '00000000-0000-0000-0000-000000000000');
  }

  return (
    <>
      <TextInput multiline value={note} onChangeText={setNote} />
      <Button title="Save" onPress={save} />
      <Button title="Ad id" onPress={rememberAdId} />
    </>
  );
}
