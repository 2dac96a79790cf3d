package com.example.myamazingapp.accounts;

import java.time.OffsetDateTime;

/** A personal access token as its owner sees it in the list: never the token itself, which is shown only once. */
record ApiToken(long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {}
