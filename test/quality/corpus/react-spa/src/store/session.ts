import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

type SessionState = { userId: string | null; email: string | null; displayName: string | null };

const initialState: SessionState = { userId: null, email: null, displayName: null };

export const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    signedIn(state, action: PayloadAction<SessionState>) {
      Object.assign(state, action.payload);
    },
  },
});

export const selectUserId = (state: { session: SessionState }) => state.session.userId ?? '';
export const selectUserEmail = (state: { session: SessionState }) => state.session.email ?? '';
