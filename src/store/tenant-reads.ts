// Every read of the TenantStore interface, answered from a TenantState: shared by the views each
// adapter hands out, which differ only in where the state comes from and how a commit is stored.
import type { TenantData } from '../domain/model.js';
import type { TenantStore } from './store.js';
import type { TenantState } from './tenant-state.js';

export abstract class TenantReads implements Omit<TenantStore, 'commit'> {
  protected abstract get state(): TenantState;

  customer = (n: string) => this.state.customer(n);
  account = (n: string) => this.state.account(n);
  card = (n: string) => this.state.card(n);
  relationship = (n: string) => this.state.relationship(n);
  accountsOf = (n: string) => this.state.accountsOf(n);
  cardsOf = (n: string) => this.state.cardsOf(n);
  relationshipsOf = (n: string) => this.state.relationshipsOf(n);
  accountsUnder = (n: string) => this.state.accountsUnder(n);
  findCustomers: TenantStore['findCustomers'] = (test) => this.state.findCustomers(test);
  searchCustomers: TenantStore['searchCustomers'] = (query) => this.state.searchCustomers(query);
  surnameExamples: TenantStore['surnameExamples'] = (org, words) => this.state.surnameExamples(org, words);
  whenSearchable = () => this.state.whenSearchable();
  reservation: TenantStore['reservation'] = (kind, n) => this.state.reservation(kind, n);
  isTaken: TenantStore['isTaken'] = (kind, n) => this.state.isTaken(kind, n);
  counters = () => this.state.counters();
  clock = () => this.state.clock();
  fixtures = () => this.state.fixtures();
  counts = () => this.state.counts();
  exportData = (): TenantData => structuredClone(this.state.data);
}
