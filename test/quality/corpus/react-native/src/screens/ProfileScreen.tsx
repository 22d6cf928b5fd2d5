import React, { useCallback, useState } from 'react';
import { Button, Text, TextInput, View } from 'react-native';
import analytics from '@react-native-firebase/analytics';
import { useFocusEffect } from '@react-navigation/native';
import { useAuth } from '../hooks/useAuth';
import { api } from '../services/api';

export function ProfileScreen() {
  const { user, refresh } = useAuth();
  const [phoneNumber, setPhoneNumber] = useState(user?.phoneNumber ?? '');
  const [editing, setEditing] = useState(false);

  useFocusEffect(
    useCallback(() => {
      // quiet [firebase-analytics] screen name only
      analytics().logScreenView({ screen_name: 'Profile', screen_class: 'ProfileScreen' });
    }, []),
  );

  async function onSave() {
    await api.patch('/me', { phoneNumber });
    await refresh();
    // expect: mt/personal-data-to-third-party phone [firebase-analytics] the new phone number as a user property
    await analytics().setUserProperty('phone_number', phoneNumber);
    // quiet [firebase-analytics] whether a number is set
    await analytics().logEvent('profile_saved', { has_phone: phoneNumber.length > 0 });
    setEditing(false);
  }

  if (!user) return null;
  return (
    <View>
      <Text>{user.firstName}</Text>
      <TextInput value={phoneNumber} onChangeText={setPhoneNumber} editable={editing} keyboardType="phone-pad" />
      <Button title={editing ? 'Save' : 'Edit'} onPress={editing ? onSave : () => setEditing(true)} />
    </View>
  );
}
