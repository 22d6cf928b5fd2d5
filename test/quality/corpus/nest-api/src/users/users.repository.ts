import { Injectable } from '@nestjs/common';
import type { User } from './user.entity';

/** Persistence; the database driver is not a sink. */
@Injectable()
export class UsersRepository {
  private readonly rows = new Map<string, User>();
  async create(dto: { email: string; fullName: string; phone?: string }): Promise<User> {
    const user: User = { id: crypto.randomUUID(), email: dto.email, fullName: dto.fullName, phone: dto.phone ?? null, createdAt: new Date(), plan: 'free' };
    this.rows.set(user.id, user);
    return user;
  }
  async findByEmail(email: string) {
    return [...this.rows.values()].find((u) => u.email === email) ?? null;
  }
  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }
  async markSynced(_id: string) {}
  async delete(id: string) {
    this.rows.delete(id);
  }
}
