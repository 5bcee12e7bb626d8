import { Body, Controller, Patch } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@balai/http';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { UpdatePostDto } from './dto/create-post.dto';
import { PostView } from './dto/forum.views';
import { ForumService } from './forum.service';

@ApiTags('forum')
@Controller('posts')
export class PostsController {
  constructor(private readonly forum: ForumService) {}

  @Patch(':id')
  @Auth('citizen')
  @ApiOkResponse({ type: PostView })
  @ApiForbiddenResponse({ description: 'not_author: only the author edits a post' })
  update(@UuidParam('id') id: string, @Body() body: UpdatePostDto, @CurrentUser() principal: Principal): Promise<PostView> {
    return this.forum.updatePost(id, body, principal);
  }
}
