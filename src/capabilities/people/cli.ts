import { Command, Option } from 'commander';
import {
  formatOption,
  printJson,
  printTable,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../cli-kit.ts';

type Format = { format: 'json' | 'table' };
const ROLE_CHOICES = ['viewer', 'agent', 'analyst', 'admin'];

/**
 * `cxloop users`: the operator's tools on the machine that holds the database (acting as the
 * machine's operator, like `cxloop keys`): list members, add one, and make a one-time sign-in link
 * (the way back in when an admin lost their password and mail is not set up). The services load
 * inside each action, so `cxloop --help` stays light.
 */
export function register(program: Command) {
  const users = program.command('users').description('people who sign in to the dashboard, and their roles');

  withCommonOptions(users.command('list'))
    .description('list the members of the workspace with their roles')
    .addOption(formatOption())
    .action(async (options: CommonOptions & Format) => {
      await withServices(options, async (services, workspace) => {
        const members = (await services.people.users.members(workspace.id)).map((m) => ({
          email: m.email,
          name: m.name,
          role: m.role,
          totp: m.totp ? 'on' : 'off',
          password: m.hasPassword ? 'set' : 'not set',
          joined: new Date(m.createdAt).toISOString(),
        }));
        if (options.format === 'json') printJson({ workspace: workspace.id, users: members });
        else printTable(members);
      });
    });

  withCommonOptions(users.command('link <email>'))
    .description('print a one-time sign-in link (an hour) for a member: open it in the browser')
    .option('--url <base>', 'the dashboard address the link starts with', 'http://localhost:3000')
    .action(async (email: string, options: CommonOptions & { url: string }) => {
      await withServices(options, async (services, workspace) => {
        services.people.listeningAt(options.url);
        process.stdout.write(`${await services.people.signInLinkFor(workspace.id, email)}\n`);
      });
    });

  withCommonOptions(users.command('add <email>'))
    .description('add a member with a role (they sign in by `users link`, then set a password)')
    .addOption(new Option('--role <role>', 'role').choices(ROLE_CHOICES).makeOptionMandatory())
    .action(
      async (email: string, options: CommonOptions & { role: 'viewer' | 'agent' | 'analyst' | 'admin' }) => {
        await withServices(options, async (services, workspace) => {
          await services.people.addUser(workspace.id, email, options.role, null);
          process.stdout.write(`${email} is ${options.role} in ${workspace.id}\n`);
        });
      },
    );
}
