import React, { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from 'react-native';
import * as Location from 'expo-location';
import { createClient } from '@segment/analytics-react-native';

const segment = createClient({ writeKey: process.env.EXPO_PUBLIC_SEGMENT_KEY!, trackAppLifecycleEvents: true });

type Point = { latitude: number; longitude: number; timestamp: number };

function distanceKm(points: Point[]): number {
  return points.reduce((sum, p, i) => (i === 0 ? 0 : sum + Math.hypot(p.latitude - points[i - 1].latitude, p.longitude - points[i - 1].longitude) * 111), 0);
}

export function RunTrackerScreen() {
  const [running, setRunning] = useState(false);
  const route = useRef<Point[]>([]);
  const sub = useRef<Location.LocationSubscription | null>(null);

  useEffect(() => () => sub.current?.remove(), []);

  async function start() {
    const { status } = await Location.requestForegroundPermissionsAsync();
    // quiet [segment] the permission answer
    segment.track('Location Permission', { status });
    if (status !== 'granted') return;
    const first = await Location.getCurrentPositionAsync({ accuracy: Location.Accuracy.High });
    // expect: mt/sensitive-data-to-third-party precise-geolocation [segment] the starting point of the run
    segment.track('Run Started', { start: first.coords });
    sub.current = await Location.watchPositionAsync({ distanceInterval: 10 }, (loc) => {
      route.current.push({ latitude: loc.coords.latitude, longitude: loc.coords.longitude, timestamp: loc.timestamp });
    });
    setRunning(true);
  }

  function stop() {
    sub.current?.remove();
    setRunning(false);
    const points = route.current;
    // quiet [segment] distance and point count are derived numbers
    segment.track('Run Finished', { km: distanceKm(points), points: points.length });
    // expect: mt/sensitive-data-to-third-party precise-geolocation [segment] the whole GPS trace
    segment.track('Run Route', { route: points.map((p) => [p.latitude, p.longitude]) });
  }

  return (
    <View>
      <Text>{running ? 'Running' : 'Ready'}</Text>
      <Button title={running ? 'Stop' : 'Start'} onPress={running ? stop : start} />
    </View>
  );
}
