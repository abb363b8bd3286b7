import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

/** `createdAt` → `created_at`; an explicit `name` on a column wins. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * Entities name properties in camelCase, tables and columns are snake_case; constraints and
 * indexes get the names PostgreSQL itself gives them (`outbox_pkey`, `outbox_id_key`,
 * `inbox_consumer_fkey`), so an entity matches a hand-written migration that left them unnamed.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return `${this.bare(tableOrName)}_pkey`;
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return `${this.bare(tableOrName)}_${columnNames.join('_')}_key`;
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return `${this.bare(tableOrName)}_${columnNames.join('_')}_fkey`;
  }

  override indexName(tableOrName: Table | string, columnNames: string[]): string {
    return `${this.bare(tableOrName)}_${columnNames.join('_')}_idx`;
  }

  // Without the schema: PostgreSQL names a constraint after the table alone.
  private bare(tableOrName: Table | string): string {
    const name = this.getTableName(tableOrName);
    return name.slice(name.lastIndexOf('.') + 1).replace(/"/g, '');
  }
}
