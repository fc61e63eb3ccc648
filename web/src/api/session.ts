import type { Me } from '@domain/auth/schemas';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post, setCsrfToken, whenSignedOut } from './client';

/** The signed-in user, shared by both apps: undefined while asking, null when signed out. */
export function useSession() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const current = await get<Me>('/auth/me');
      setCsrfToken(current.csrfToken);
      setMe(current);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setError(e as ApiError);
    }
  }, []);

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    void load();
  }, [load]);

  const login = useCallback(async (phone: string, password: string) => {
    const current = await post<Me>('/auth/login', { phone, password });
    setCsrfToken(current.csrfToken);
    setMe(current);
  }, []);

  const logout = useCallback(async () => {
    try {
      await post('/auth/logout');
    } finally {
      setCsrfToken('');
      setMe(null);
    }
  }, []);

  return { me, error, reload: load, login, logout };
}
