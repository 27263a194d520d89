// Runs after every request of the collection. A token the sandbox no longer takes (it expired,
// or the sandbox restarted with a new signing key) is dropped, so the next request fetches one.
if (pm.response.code === 401) {
  let code = '';
  try {
    code = pm.response.json().errors[0].code;
  } catch (e) {
    code = '';
  }
  if (code === 'SBX401E' || code === 'SBX401X' || code === 'SBX401W') {
    pm.collectionVariables.unset('accessToken');
    pm.collectionVariables.unset('accessTokenExpiresAt');
  }
}
