import * as FileSystem from 'expo-file-system';
import AsyncStorage from '@react-native-async-storage/async-storage';
import analytics from '@react-native-firebase/analytics';

export type VisitRecord = { visitId: string; date: string; diagnosis: string; prescriptions: string[]; providerName: string };

const RECORDS_DIR = `${FileSystem.documentDirectory}records/`;

/** Offline copies of visit summaries so the app works without a connection. */
export async function cacheVisit(record: VisitRecord) {
  await FileSystem.makeDirectoryAsync(RECORDS_DIR, { intermediates: true });
  // expect: mt/breach-data-on-device health [expo-file-system] diagnosis and prescriptions written to a plain file
  await FileSystem.writeAsStringAsync(`${RECORDS_DIR}${record.visitId}.json`, JSON.stringify(record));
  // quiet [async-storage] the list of cached visit ids
  await AsyncStorage.setItem('records.index', JSON.stringify([record.visitId]));
  // quiet [firebase-analytics] a count of cached records
  await analytics().logEvent('records_cached', { count: 1 });
}

export async function cacheIdentity(profile: { ssn: string; insuranceMemberId: string; medicaidId?: string }) {
  // expect: mt/breach-data-on-device health,ssn [async-storage] the SSN and Medicaid id saved together
  await AsyncStorage.multiSet([
    ['identity.ssn', profile.ssn],
    ['identity.medicaid', profile.medicaidId ?? ''],
  ]);
}

export async function logAppointmentBooked(specialty: string, patientEmail: string) {
  // expect: mt/sensitive-data-to-third-party health [firebase-analytics] the medical specialty booked reveals a condition
  await analytics().logEvent('appointment_booked', { specialty, diagnosis_area: specialty });
  // expect: mt/personal-data-to-third-party email [firebase-analytics] the patient's address as an event parameter
  await analytics().logEvent('appointment_confirmation', { patient_email: patientEmail });
}
