# A photo-sharing policy store: STRICT validation, a schema, a static policy, a template and a link to it.
variable "store_description" {
  type    = string
  default = "photo sharing"
}

variable "owner_policy_description" {
  type    = string
  default = "owners view their photos"
}

resource "aws_verifiedpermissions_policy_store" "photos" {
  description = var.store_description

  validation_settings {
    mode = "STRICT"
  }
}

resource "aws_verifiedpermissions_schema" "photos" {
  policy_store_id = aws_verifiedpermissions_policy_store.photos.id

  definition {
    value = jsonencode({
      PhotoApp = {
        entityTypes = {
          User  = { memberOfTypes = ["Group"] }
          Group = {}
          Photo = {
            shape = {
              type       = "Record"
              attributes = { owner = { type = "Entity", name = "User" } }
            }
          }
        }
        actions = {
          view = { appliesTo = { principalTypes = ["User"], resourceTypes = ["Photo"] } }
        }
      }
    })
  }
}

resource "aws_verifiedpermissions_policy" "owner" {
  policy_store_id = aws_verifiedpermissions_policy_store.photos.id

  definition {
    static {
      description = var.owner_policy_description
      statement   = "permit (principal, action == PhotoApp::Action::\"view\", resource) when { resource.owner == principal };"
    }
  }

  depends_on = [aws_verifiedpermissions_schema.photos]
}

resource "aws_verifiedpermissions_policy_template" "share" {
  policy_store_id = aws_verifiedpermissions_policy_store.photos.id
  description     = "share one photo with one user"
  statement       = "permit (principal == ?principal, action == PhotoApp::Action::\"view\", resource == ?resource);"

  depends_on = [aws_verifiedpermissions_schema.photos]
}

resource "aws_verifiedpermissions_policy" "share_beach_with_bob" {
  policy_store_id = aws_verifiedpermissions_policy_store.photos.id

  definition {
    template_linked {
      policy_template_id = aws_verifiedpermissions_policy_template.share.policy_template_id

      principal {
        entity_type = "PhotoApp::User"
        entity_id   = "bob"
      }

      resource {
        entity_type = "PhotoApp::Photo"
        entity_id   = "beach.jpg"
      }
    }
  }
}

data "aws_verifiedpermissions_policy_store" "photos" {
  id = aws_verifiedpermissions_policy_store.photos.id
}

output "policy_store_id" {
  value = aws_verifiedpermissions_policy_store.photos.id
}

output "policy_store_arn" {
  value = data.aws_verifiedpermissions_policy_store.photos.arn
}

output "owner_policy_id" {
  value = aws_verifiedpermissions_policy.owner.policy_id
}

output "link_policy_id" {
  value = aws_verifiedpermissions_policy.share_beach_with_bob.policy_id
}

output "template_id" {
  value = aws_verifiedpermissions_policy_template.share.policy_template_id
}
