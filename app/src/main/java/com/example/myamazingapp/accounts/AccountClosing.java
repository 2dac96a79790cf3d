package com.example.myamazingapp.accounts;

/**
 * Published, inside the closing transaction, before an account's row is deleted: each feature that keeps something of
 * the account outside the database rows that cascade (the files' objects in the bucket) removes it now, or throws to
 * keep the account.
 */
public record AccountClosing(long accountId) {}
