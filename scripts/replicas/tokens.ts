/*
 * Backstage user tokens for the demo users. The replicas' auth backends sign
 * with the run's static key (`auth.keyStore.provider: static`), so the script
 * issues tokens exactly as the auth backend's issueUserToken does: same
 * header, claims and user identity proof, with the ownership claims the
 * sign-in resolver takes from the catalog (the user and its groups), and
 * records the user's identity where the auth backend keeps it for
 * `/v1/userinfo` (its `user_info` table, as its issueToken does). Alice's
 * token from the guest sign-in is the yardstick: a minted token for her must
 * carry the same identity.
 */
import { tokenTypes } from '@backstage/plugin-auth-node';
import { GeneralSign, importPKCS8, SignJWT } from 'jose';
import { withDatabase } from './db';
import { RunKey } from './cluster';

/** A demo user the load acts as. */
export interface DemoUser {
  name: string;
  ref: string;
  groups: string[];
  token: string;
}

const TOKEN_SECONDS = 3600;

async function mint(
  key: RunKey,
  issuer: string,
  sub: string,
  ent: string[],
): Promise<string> {
  const signingKey = await importPKCS8(key.privateKeyPem, 'ES256');
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + TOKEN_SECONDS;
  // the user identity proof: the signature of the limited token
  const proof = await new GeneralSign(
    new TextEncoder().encode(JSON.stringify({ sub, iat, exp })),
  )
    .addSignature(signingKey)
    .setProtectedHeader({
      typ: tokenTypes.limitedUser.typParam,
      alg: 'ES256',
      kid: key.keyId,
    })
    .done()
    .sign();
  return new SignJWT({
    iss: issuer,
    sub,
    ent,
    aud: tokenTypes.user.audClaim,
    iat,
    exp,
    uip: proof.signatures[0].signature,
  })
    .setProtectedHeader({
      typ: tokenTypes.user.typParam,
      alg: 'ES256',
      kid: key.keyId,
    })
    .sign(signingKey);
}

/** Records the identities as the auth backend does on issuing a token (UserInfoDatabase). */
async function recordUserInfo(databaseUrl: string, users: DemoUser[]) {
  return withDatabase(databaseUrl, async query => {
    for (const user of users) {
      const info = {
        claims: { sub: user.ref, ent: [user.ref, ...user.groups] },
      };
      await query(
        `INSERT INTO auth.user_info (user_entity_ref, user_info, updated_at)
         VALUES (?, ?, now() AT TIME ZONE 'utc')
         ON CONFLICT (user_entity_ref) DO UPDATE SET user_info = EXCLUDED.user_info, updated_at = EXCLUDED.updated_at`,
        [user.ref, JSON.stringify(info)],
      );
    }
  });
}

/** Signs in as the guest (alice) through the real auth backend. */
export async function guestSignIn(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  const body = (await res.json()) as {
    backstageIdentity: {
      token: string;
      identity: { userEntityRef: string; ownershipEntityRefs: string[] };
    };
  };
  return body.backstageIdentity;
}

/** The groups a user is a member of, from the catalog. */
async function memberOf(baseUrl: string, token: string, name: string) {
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-name/user/default/${name}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!res.ok) throw new Error(`catalog user ${name}: ${res.status}`);
  const user = (await res.json()) as {
    relations?: { type: string; targetRef: string }[];
  };
  return (user.relations ?? [])
    .filter(r => r.type === 'memberOf')
    .map(r => r.targetRef)
    .sort();
}

/**
 * Tokens for the demo users, checked against the guest sign-in: alice's
 * minted identity must equal the one the auth backend resolved for her.
 */
export async function demoUsers(
  baseUrl: string,
  databaseUrl: string,
  key: RunKey,
  names: string[],
): Promise<Map<string, DemoUser>> {
  const guest = await guestSignIn(baseUrl);
  const users = new Map<string, DemoUser>();
  for (const name of names) {
    const ref = `user:default/${name}`;
    const groups = await memberOf(baseUrl, guest.token, name);
    const ent = [ref, ...groups];
    const token = await mint(key, `${baseUrl}/api/auth`, ref, ent);
    users.set(name, { name, ref, groups, token });
  }
  const alice = users.get('alice');
  const resolved = [...guest.identity.ownershipEntityRefs].sort().join(',');
  const minted = alice && [alice.ref, ...alice.groups].sort().join(',');
  if (alice && minted !== resolved) {
    throw new Error(
      `minted identity of alice (${minted}) differs from the guest sign-in (${resolved})`,
    );
  }
  await recordUserInfo(databaseUrl, [...users.values()]);
  return users;
}
