import type { Me } from '@domain/auth/schemas';
import { AppError } from '@domain/errors/codes';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { describeGrants, loadGrants } from './grants';

export async function meOf(db: Db, userId: string, csrfToken: string): Promise<Me> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  const grants = await loadGrants(db, userId);
  return {
    id: user.id,
    phone: user.phone,
    name: user.name,
    locale: user.locale === 'en' ? 'en' : 'zh-CN',
    grants: await describeGrants(db, grants),
    csrfToken,
  };
}
