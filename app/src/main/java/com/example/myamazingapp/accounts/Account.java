package com.example.myamazingapp.accounts;

import java.time.OffsetDateTime;

record Account(long id, String email, String passwordHash, OffsetDateTime createdAt) {}
