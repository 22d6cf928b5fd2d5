import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An address a customer receives support mail at. */
@Entity()
export class EmailAddress {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  address!: string;

  @Column({ default: false })
  verified!: boolean;
}
